# Build rules for the search tables (included from content/CMakeLists.txt, so the generated
# source belongs to bianmin_content's directory). Pinyin readings come from Unicode's Unihan
# database (Debian unicode-data) and traditional-to-simplified folding from OpenCC's t2s
# data (Debian libopencc-data); a host tool turns both into one C++ source at build time.
find_package(BZip2 REQUIRED)
pkg_check_modules(OPENCC REQUIRED IMPORTED_TARGET opencc)

set(BIANMIN_UNIHAN_READINGS /usr/share/unicode/Unihan_Readings.txt.bz2 CACHE FILEPATH
    "Unihan_Readings.txt.bz2 (Debian unicode-data), source of pinyin readings")
set(BIANMIN_OPENCC_T2S /usr/share/opencc/t2s.json CACHE FILEPATH
    "OpenCC traditional-to-simplified config, source of character folding")

add_executable(bianmin-gen-search-tables ${CMAKE_CURRENT_LIST_DIR}/gen_search_tables.cpp)
target_link_libraries(bianmin-gen-search-tables PRIVATE bianmin_base BZip2::BZip2 PkgConfig::OPENCC)

set(_search_tables ${CMAKE_CURRENT_BINARY_DIR}/search_tables.cpp)
add_custom_command(
  OUTPUT ${_search_tables}
  COMMAND bianmin-gen-search-tables ${BIANMIN_UNIHAN_READINGS} ${BIANMIN_OPENCC_T2S} ${_search_tables}
  DEPENDS bianmin-gen-search-tables ${BIANMIN_UNIHAN_READINGS}
  COMMENT "Generating search tables (pinyin from Unihan, t2s from OpenCC)"
  VERBATIM)
target_sources(bianmin_content PRIVATE ${_search_tables})
# The generated table is large and plain data: no need to optimise or warn about it.
set_source_files_properties(${_search_tables} PROPERTIES COMPILE_OPTIONS "-O0;-g0")
