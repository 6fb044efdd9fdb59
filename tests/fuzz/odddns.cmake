# The odd-DNS detectors fed arbitrary messages (sensor/det_dns_*.c).
nj_fuzz_target(odddns LIBS nj_sensor)
