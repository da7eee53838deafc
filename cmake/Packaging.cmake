# What `cmake --install` puts where, and how CPack makes the .deb (README "Install").
# Only the desktop app and accessdesk-cli are installed: trackersim and the tests stay in the
# build tree.
include(GNUInstallDirs)

# Installing (and so cpack) does not build everything first: scripts/check-package.sh and
# scripts/demo.sh build only the programs they need, and trackersim and the tests are never
# installed. Build the app and accessdesk-cli before `cmake --install`.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

# The one application id: the .desktop file, the AppStream metainfo and the icon are named after
# it, as desktop environments and software centres look them up by it.
set(ACCESSDESK_APP_ID io.github.accessdesk.AccessDesk)

install(TARGETS accessdesk accessdesk-cli
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES resources/${ACCESSDESK_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES resources/${ACCESSDESK_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES resources/icons/accessdesk.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${ACCESSDESK_APP_ID}.svg)
install(FILES docs/man/accessdesk.1 docs/man/accessdesk-cli.1
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# Where Debian looks for a package's licence.
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/accessdesk RENAME copyright)

set(CPACK_PACKAGE_NAME accessdesk)
set(CPACK_PACKAGE_VENDOR "The AccessDesk developers")
set(CPACK_PACKAGE_CONTACT "The AccessDesk developers <accessdesk@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "See and revoke access on Jira Data Center")
set(CPACK_PACKAGE_INSTALL_DIRECTORY AccessDesk)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # accessdesk_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/accessdesk/accessdesk")
# The extended description: dpkg wants every further line indented by one space.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION_SUMMARY}
 AccessDesk shows every application and token that can act as you on a Jira
 Server or Data Center site (OAuth 1.0a access tokens, OAuth 2.0 authorisations,
 personal access tokens) and revokes them after a confirmation. Administrators
 also manage application links, OAuth consumers, OAuth 2.0 clients and every
 user's personal access tokens. accessdesk-cli offers the same for scripts.")
# dpkg-shlibdeps finds the Qt, QtKeychain, OpenSSL and gumbo libraries the binaries link.
# Qt loads plug-ins at run time, so dpkg-shlibdeps cannot see them: the SQLite driver (activity
# log, cache) and the SVG icon engine (the app's icons are SVG) are named here. (The xcb platform
# plug-in and the OpenSSL TLS back end ship in libqt6gui6 and libqt6network6, which shlibdeps
# does find.)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6")
# Secrets live in the desktop's keychain (without one the app still runs and says so); Qt's own
# words (standard buttons) in German and French come from the Qt translations.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager, qt6-translations-l10n")
include(CPack)
