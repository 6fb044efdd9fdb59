# The flow table under arbitrary packet sequences (tiny cap, few hosts).
nj_fuzz_target(flow LIBS nj_sensor)
