#!/bin/sh
# install_test.sh - `cmake --install` into a DESTDIR puts every file
# where packaging/CMakeLists.txt says; the installed nightjar reports the
# project's version; and, when dpkg-deb is present, the .deb built by
# CPack depends on the package of every shared library nightjar needs.
#
# usage: install_test.sh BUILD_DIR VERSION [TOOL...]
#   TOOL: the tool binaries this build has (nightjar-gen, ...), which
#   must land in usr/bin.
set -u
build=$1 version=$2
shift 2
tmp=$(mktemp -d /tmp/nj-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
no() { echo "FAIL: $*"; fail=1; }

DESTDIR=$tmp/root cmake --install "$build" --prefix /usr >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; echo "FAIL: cmake --install"; exit 1; }
for f in usr/sbin/nightjar usr/share/man/man8/nightjar.8 \
    usr/share/man/man5/nightjar.yaml.5 usr/share/man/man1/nightjar-gen.1 \
    usr/share/doc/nightjar/example.yaml usr/share/doc/nightjar/deployment.md \
    etc/nightjar/nightjar.yaml etc/default/nightjar etc/logrotate.d/nightjar \
    usr/lib/systemd/system/nightjar.service; do
	[ -f "$tmp/root/$f" ] || no "$f not installed"
done
for d in var/lib/nightjar/root/var/log/nightjar \
    var/lib/nightjar/root/etc/nightjar var/lib/nightjar/root/dev \
    var/lib/nightjar/root/var/lib/GeoIP \
    var/log/nightjar; do
	[ -d "$tmp/root/$d" ] || no "directory $d not installed"
done
for t in "$@"; do
	[ -x "$tmp/root/usr/bin/$t" ] || no "usr/bin/$t not installed"
done
# The unit: systemd itself must accept every line (it only warns about
# unknown keys and bad values, so any output is a failure).
if command -v systemd-analyze >/dev/null 2>&1; then
	sed "s|/usr/sbin/nightjar|$tmp/root/usr/sbin/nightjar|g" \
	    "$tmp/root/usr/lib/systemd/system/nightjar.service" \
	    >"$tmp/nightjar.service"
	out=$(systemd-analyze verify --man=no "$tmp/nightjar.service" 2>&1)
	[ -z "$out" ] || no "systemd-analyze verify: $out"
fi
# The logrotate snippet parses (with a user that exists here).
if command -v logrotate >/dev/null 2>&1; then
	sed 's/create 0640 nightjar adm/create 0640 root root/' \
	    "$tmp/root/etc/logrotate.d/nightjar" >"$tmp/logrotate.conf"
	logrotate -d -s "$tmp/logrotate.state" "$tmp/logrotate.conf" \
	    >"$tmp/logrotate.out" 2>&1 || no "logrotate -d failed"
	! grep -i 'error' "$tmp/logrotate.out" ||
	    no "logrotate -d reported errors"
fi
got=$("$tmp/root/usr/sbin/nightjar" -V 2>&1)
[ "$got" = "nightjar $version" ] || no "nightjar -V said '$got', not 'nightjar $version'"

if ! command -v dpkg-deb >/dev/null 2>&1 || ! command -v dpkg-shlibdeps \
    >/dev/null 2>&1; then
	[ $fail -eq 0 ] && echo "ok: installed (no dpkg-deb: .deb not checked)"
	exit $fail
fi
(cd "$build" && cpack -G DEB -B "$tmp/deb" >"$tmp/cpack.log" 2>&1) ||
    { cat "$tmp/cpack.log"; echo "FAIL: cpack"; exit 1; }
deb=$(ls "$tmp"/deb/nightjar_"$version"_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { ls "$tmp/deb"; echo "FAIL: no nightjar_${version}_*.deb"; exit 1; }
dpkg-deb -I "$deb" >"$tmp/info"
depends=$(sed -n 's/^ Depends: //p' "$tmp/info")
echo "Depends: $depends"
# The packages that must be there: for every installed program, the
# package dpkg says owns each shared library it loads (libpcap0.8 for
# the capture, libyaml-0-2 for the policy, libnet1 for nightjar-gen,
# ...), as found on this system rather than a list that could drift.
need="libc6 adduser"
for b in "$tmp"/root/usr/sbin/* "$tmp"/root/usr/bin/*; do
	[ -f "$b" ] || continue
	# Direct dependencies only (NEEDED), resolved to paths by ldd.
	for so in $(objdump -p "$b" | awk '$1 == "NEEDED" {print $2}'); do
		case "$so" in *asan*|*ubsan*|libstdc++*|libgcc_s*) continue ;; esac
		lib=$(ldd "$b" | awk -v so="$so" '$1 == so {print $3}')
		[ -n "$lib" ] || continue
		pkg=$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -1 |
		    cut -d: -f1)
		[ -n "$pkg" ] && need="$need $pkg"
	done
done
echo "Must depend on: $need"
for p in $need; do
	printf '%s\n' "$depends" | tr ',' '\n' | sed 's/^ *//; s/[ (].*//' |
	    grep -qx "$p" || no "Depends lacks $p"
done
dpkg-deb -c "$deb" >"$tmp/contents"
for f in ./usr/sbin/nightjar ./usr/lib/systemd/system/nightjar.service \
    ./etc/nightjar/nightjar.yaml ./usr/share/man/man8/nightjar.8; do
	grep -q " $f\$" "$tmp/contents" || no ".deb lacks $f"
done
dpkg-deb -e "$deb" "$tmp/control"
grep -qx /etc/nightjar/nightjar.yaml "$tmp/control/conffiles" ||
    no "the policy is not a conffile"
[ -x "$tmp/control/postinst" ] || no "no postinst"
[ $fail -eq 0 ] && echo "ok: installed, .deb $(basename "$deb") checked"
exit $fail
