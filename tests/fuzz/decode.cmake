# The decoders from the link layer down, one frame per input.
nj_fuzz_target(decode LIBS nj_decoders)
