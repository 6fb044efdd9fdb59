# The DNS path: message parser, TCP reassembly, passive DNS cache.
nj_fuzz_target(dns LIBS nj_sensor)
