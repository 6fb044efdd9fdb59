# The nightjar-report line parser, aggregator and renderers.
nj_fuzz_target(report LIBS nj_report)
