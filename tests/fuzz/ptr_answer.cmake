# Answers from the reverse-name resolver (sensor/ptr_wire.c).
nj_fuzz_target(ptr_answer LIBS nj_sensor)
