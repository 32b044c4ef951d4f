# Debian's hardening flags on every binary we build (lintian and `hardening-check` look for
# them in the packages): stack protector, _FORTIFY_SOURCE, format-security, full RELRO
# (relro + now) and PIE. Taken from dpkg-buildflags (hardening=+all) so they follow Debian's
# policy; the optimisation, debug and file-prefix flags it also prints are left to the build
# type. Without dpkg-buildflags (not Debian), the same flags are set by hand.
# Debug builds get everything but _FORTIFY_SOURCE, which needs optimisation.
include_guard(GLOBAL)

set(_bianmin_hardening_c "")
set(_bianmin_hardening_ld "")
find_program(BIANMIN_DPKG_BUILDFLAGS dpkg-buildflags)
if(BIANMIN_DPKG_BUILDFLAGS)
  foreach(_kind CPPFLAGS CXXFLAGS LDFLAGS)
    execute_process(COMMAND ${CMAKE_COMMAND} -E env DEB_BUILD_MAINT_OPTIONS=hardening=+all
                            ${BIANMIN_DPKG_BUILDFLAGS} --get ${_kind}
                    OUTPUT_VARIABLE _flags OUTPUT_STRIP_TRAILING_WHITESPACE)
    separate_arguments(_flags UNIX_COMMAND "${_flags}")
    # Keep the hardening; the build type owns -O/-g, and the prefix map is the caller's business.
    list(FILTER _flags EXCLUDE REGEX "^-(O[0-9s]?|g[0-9]?|ffile-prefix-map=.*|fdebug-prefix-map=.*)$")
    if(_kind STREQUAL LDFLAGS)
      list(APPEND _bianmin_hardening_ld ${_flags})
    else()
      list(APPEND _bianmin_hardening_c ${_flags})
    endif()
  endforeach()
else()
  set(_bianmin_hardening_c -fstack-protector-strong -Wformat -Werror=format-security -D_FORTIFY_SOURCE=2)
  set(_bianmin_hardening_ld -Wl,-z,relro -Wl,-z,now)
endif()
list(REMOVE_DUPLICATES _bianmin_hardening_c)
if(CMAKE_BUILD_TYPE STREQUAL Debug)
  list(FILTER _bianmin_hardening_c EXCLUDE REGEX "^-D_FORTIFY_SOURCE")
endif()
add_compile_options(${_bianmin_hardening_c})
add_link_options(${_bianmin_hardening_ld})

# PIE for every executable (gcc on Debian defaults to it; this makes it explicit everywhere).
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
include(CheckPIESupported)
check_pie_supported()
message(STATUS "Hardening: ${_bianmin_hardening_c} ${_bianmin_hardening_ld} PIE")
