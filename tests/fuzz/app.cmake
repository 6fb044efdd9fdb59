# The application recognisers (decoders/app.h) on segmented conversations.
# Self-contained so it does not depend on a helper function's name.
if(NJ_FUZZ)
  add_executable(fuzz_app ${CMAKE_CURRENT_LIST_DIR}/fuzz_app.c)
  target_link_libraries(fuzz_app PRIVATE nj_decoders)
  target_link_options(fuzz_app PRIVATE -fsanitize=fuzzer)
  add_test(NAME fuzz_replay_app
           COMMAND fuzz_app -runs=0 ${CMAKE_CURRENT_LIST_DIR}/corpus/app)
else()
  add_executable(replay_app ${CMAKE_CURRENT_LIST_DIR}/fuzz_app.c
                 ${CMAKE_CURRENT_LIST_DIR}/replay_main.c)
  target_link_libraries(replay_app PRIVATE nj_decoders)
  add_test(NAME fuzz_replay_app
           COMMAND replay_app ${CMAKE_CURRENT_LIST_DIR}/corpus/app)
endif()
