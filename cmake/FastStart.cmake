# HD_FAST_START: link into hd the libraries that Debian also ships as static archives (SQLite,
# yaml-cpp, Snowball, utf8proc), use toml++ as a header-only library, and build hd position-dependent.
#
# Why: every hd command is one short process, and half of a quick one was the dynamic loader's work.
# Snowball's stemmer tables alone hold 11,000 pointers that the loader relocates in every process
# that maps libstemmer, whether it stems anything or not; a position-dependent executable has them
# resolved when it is linked. Measured with hyperfine on a store of 100,000 tickets: `hd --version`
# 6.2 ms to 3.1 ms, `hd list` 11.8 ms to 8.2 ms.
#
# The cost: hd's own code is not at a random address (the libraries, heap and stack still are), and
# a fix in one of those libraries reaches hd when hd is built again. `make deb` turns it off, so that
# the package follows Debian's defaults (PIE, shared libraries). The sanitizer and fuzzing builds
# leave it off too.

# Points an imported library target at the static archive beside its shared library, for every
# configuration it was imported with. Leaves it alone when there is no archive.
function(hd_link_static target archive)
  if(NOT TARGET ${target})
    return()
  endif()
  find_library(HD_ARCHIVE_${archive} NAMES ${archive} NO_CACHE)
  if(NOT HD_ARCHIVE_${archive})
    message(STATUS "HD_FAST_START: no ${archive}; ${target} stays shared")
    return()
  endif()
  set_property(TARGET ${target} PROPERTY IMPORTED_LOCATION "${HD_ARCHIVE_${archive}}")
  get_target_property(configs ${target} IMPORTED_CONFIGURATIONS)
  if(configs)
    foreach(config IN LISTS configs)
      set_property(TARGET ${target} PROPERTY IMPORTED_LOCATION_${config} "${HD_ARCHIVE_${archive}}")
    endforeach()
  endif()
  # What the archive's objects need from the system, which the shared library brought along.
  foreach(dependency IN LISTS ARGN)
    set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_LIBRARIES ${dependency})
  endforeach()
endfunction()

if(HD_FAST_START)
  hd_link_static(SQLite::SQLite3 libsqlite3.a m)
  hd_link_static(yaml-cpp libyaml-cpp.a)
  hd_link_static(Stemmer::Stemmer libstemmer.a)
  hd_link_static(Utf8proc::Utf8proc libutf8proc.a)
endif()
