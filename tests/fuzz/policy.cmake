# The YAML policy parser, with the print/parse fixed point as an oracle.
nj_fuzz_target(policy LIBS nj_policy)
