# Writes the man page and the shell completions the wafix binary prints from its CLI definition.
# cmake -DWAFIX=<binary> -DOUT=<dir> -P generate_docs.cmake
file(MAKE_DIRECTORY ${OUT})
foreach(pair "wafix.1:generate-man-page" "wafix.bash:generate-shell-completion;bash"
             "_wafix:generate-shell-completion;zsh" "wafix.fish:generate-shell-completion;fish")
  string(REPLACE ":" ";" parts "${pair}")
  list(POP_FRONT parts file)
  execute_process(COMMAND ${WAFIX} ${parts} OUTPUT_FILE ${OUT}/${file} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "wafix ${parts} failed (${rc})")
  endif()
endforeach()
