# Small helpers shared by every folder's CMakeLists.txt.

# bianmin_tests(DIR LIBS lib...): every tests/<DIR>/test_*.cpp becomes its own doctest
# executable, registered with CTest under the name <dir>.<file stem>. Tests run with the
# build tree's paths in their environment (see tests/CMakeLists.txt).
function(bianmin_tests)
  cmake_parse_arguments(T "" "LABEL" "LIBS;SOURCES_EXTRA" ${ARGN})
  file(GLOB _tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_*.cpp)
  foreach(_src IN LISTS _tests)
    get_filename_component(_stem ${_src} NAME_WE)
    set(_target ${T_LABEL}_${_stem})
    add_executable(${_target} ${_src} ${T_SOURCES_EXTRA})
    target_link_libraries(${_target} PRIVATE bianmin_doctest_main ${T_LIBS})
    add_test(NAME ${T_LABEL}.${_stem} COMMAND ${_target})
    set_tests_properties(${T_LABEL}.${_stem} PROPERTIES
      LABELS ${T_LABEL}
      ENVIRONMENT "${BIANMIN_TEST_ENV}")
  endforeach()
endfunction()
