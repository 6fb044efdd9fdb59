# The sensor's DNS path (UDP/TCP 53, mDNS) under arbitrary packet sequences.
nj_fuzz_target(dns_path LIBS nj_sensor)
