# run_pair.cmake: runs policy_check on one input (from the inputs'
# folder, so error lines name the bare file) and compares its output
# with the expected file. -DCHECK=.. -DDIR=.. -DIN=.. -DEXPECT=.. -DRC=..
execute_process(COMMAND ${CHECK} ${IN} WORKING_DIRECTORY ${DIR}
  OUTPUT_VARIABLE out RESULT_VARIABLE rc)
file(READ ${EXPECT} want)
if(NOT rc EQUAL RC)
  message(FATAL_ERROR "exit ${rc}, expected ${RC}; output:\n${out}")
endif()
if(NOT out STREQUAL want)
  message(FATAL_ERROR "output differs.\n--- got:\n${out}--- expected:\n${want}")
endif()
