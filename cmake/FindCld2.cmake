# Finds Compact Language Detector 2 (Debian: libcld2-dev), which ships no CMake package of its own.
# Defines the imported target Cld2::Cld2.
find_path(Cld2_INCLUDE_DIR NAMES cld2/public/compact_lang_det.h)
find_library(Cld2_LIBRARY NAMES cld2)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Cld2 REQUIRED_VARS Cld2_LIBRARY Cld2_INCLUDE_DIR)
if(Cld2_FOUND AND NOT TARGET Cld2::Cld2)
  add_library(Cld2::Cld2 UNKNOWN IMPORTED)
  set_target_properties(Cld2::Cld2 PROPERTIES
    IMPORTED_LOCATION "${Cld2_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Cld2_INCLUDE_DIR}")
endif()
mark_as_advanced(Cld2_INCLUDE_DIR Cld2_LIBRARY)
