# cmake -DNPM=… -DDIR=… -P npm_ci.cmake: `npm ci` in DIR unless DIR/node_modules already holds
# what DIR/package-lock.json says. A copy of the lockfile is kept in node_modules once npm ci
# has succeeded (the same stamp tools/dev.sh setup writes), so an unchanged lockfile costs
# nothing and a changed one, or a missing node_modules, installs again.
set(stamp ${DIR}/node_modules/.coopledger-package-lock.json)
if(EXISTS ${stamp})
  file(SHA256 ${DIR}/package-lock.json wanted)
  file(SHA256 ${stamp} installed)
  if(wanted STREQUAL installed)
    file(TOUCH_NOCREATE ${stamp})  # newer than the lockfile: the build sees it up to date
    return()
  endif()
endif()
message(STATUS "npm ci in ${DIR}")
execute_process(COMMAND ${NPM} ci --no-audit --no-fund
                WORKING_DIRECTORY ${DIR}
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "npm ci failed in ${DIR} (exit ${result}); tools/dev.sh setup installs "
                      "node and npm / npm ci thất bại; tools/dev.sh setup cài node và npm")
endif()
file(COPY_FILE ${DIR}/package-lock.json ${stamp})
file(TOUCH_NOCREATE ${stamp})
