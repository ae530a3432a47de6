# Generates the lb op list (LB_OP(ENUM, "mnemonic", id) lines) from the
# IRDL dialect definition, so ir/lb.irdl.mlir stays the single source of
# truth for which ops exist. Usage: cmake -DIRDL=... -DOUTPUT=... -P irdl_ops.cmake
file(READ ${IRDL} text)
string(REGEX MATCHALL "irdl\\.operation @[a-z0-9_]+" ops "${text}")
set(out "/* Generated from ir/lb.irdl.mlir by cmake/irdl_ops.cmake. Do not edit. */\n")
foreach(op ${ops})
  string(REGEX REPLACE "irdl\\.operation @" "" name "${op}")
  string(TOUPPER "${name}" upper)
  string(APPEND out "LB_OP(${upper}, \"${name}\", ${name})\n")
endforeach()
file(WRITE ${OUTPUT}.tmp "${out}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUTPUT}.tmp ${OUTPUT})
