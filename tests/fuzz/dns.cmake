# The DNS path: message parser, TCP reassembly, passive DNS cache.
if(NJ_FUZZ)
  add_executable(fuzz_dns ${CMAKE_CURRENT_LIST_DIR}/fuzz_dns.c)
  target_link_libraries(fuzz_dns PRIVATE nj_sensor)
  target_link_options(fuzz_dns PRIVATE -fsanitize=fuzzer)
else()
  add_executable(replay_dns ${CMAKE_CURRENT_LIST_DIR}/fuzz_dns.c
                 ${CMAKE_CURRENT_LIST_DIR}/replay_main.c)
  target_link_libraries(replay_dns PRIVATE nj_sensor)
  add_test(NAME fuzz_replay_dns
           COMMAND replay_dns ${CMAKE_CURRENT_LIST_DIR}/corpus/dns)
endif()
