# The application recognisers (decoders/app.h) on segmented conversations.
nj_fuzz_target(app LIBS nj_decoders)
