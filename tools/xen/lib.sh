# shellcheck shell=sh
# Shared helpers for the Xen test machine scripts (sourced, not run).
# XEN_CACHE: where everything downloaded or built is kept between runs.
PATH=$PATH:/usr/sbin:/sbin
XEN_CACHE=${XEN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vitrine-xen}
XEN_VERSION=4.17
# shellcheck disable=SC2034 # used by tools/xen/run
XEN_TOOLS=/usr/lib/xen-$XEN_VERSION/bin

T0=${T0:-$(date +%s)}
export T0
say() { printf '[xen %4ss] %s\n' "$(($(date +%s) - T0))" "$*"; }
die() { say "FATAL: $*" >&2; exit 1; }

# The Debian archive this machine uses, read from its apt configuration (never
# written down anywhere): the first "deb" source carrying the release's main suite,
# in deb822 (.sources) or one-line (sources.list) form.
apt_mirror() {
	# shellcheck source=/dev/null # this machine's
	codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk -v want="$codename" '
			function flush() {
				if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " want " ") && uri != "")
					{ print uri; found = 1; exit }
				types = ""; suites = ""; uri = ""
			}
			/^[ \t]*$/ { flush(); next }
			/^#/ { next }
			/^Types:/ { sub(/^Types:[ \t]*/, ""); types = $0 }
			/^Suites:/ { sub(/^Suites:[ \t]*/, ""); suites = $0 }
			/^URIs:/ { sub(/^URIs:[ \t]*/, ""); split($0, u, /[ \t]+/); uri = u[1] }
			END { if (!found) flush() }' "$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk -v want="$codename" '
			$1 == "deb" {
				i = 2
				if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
				if ($(i + 1) == want) { print $i; exit }
			}' "$f"
	done
}

# First mirror only.
apt_mirror1() { apt_mirror | head -n 1; }

# The current Debian kernel ABI package (linux-image-6.1.0-N-amd64).
kernel_pkg() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		awk '/Depends: linux-image-[0-9]/ { print $2; exit }'
}

# ---- small roots copied out of the cached Debian root --------------------------
# root_init DEST: an empty merged-/usr tree.
root_init() {
	rm -rf "$1"
	mkdir -p "$1/usr/bin" "$1/usr/lib" "$1/usr/lib64" "$1/usr/sbin"
	for d in bin lib lib64 sbin; do ln -s "usr/$d" "$1/$d"; done
	mkdir -p "$1/proc" "$1/sys" "$1/dev" "$1/tmp" "$1/run" "$1/etc" "$1/root" "$1/var/log" \
		"$1/vitrine"
	ln -s /run "$1/var/run"
	ln -s /run/lock "$1/var/lock"
}
usr_path() { case "$1" in /usr/*) echo "$1" ;; *) echo "/usr$1" ;; esac; }
# root_put SRCROOT DEST PATH: one file, links followed, at its /usr place.
root_put() {
	_dst=$2$(usr_path "$3")
	[ -e "$_dst" ] && return 0
	[ -e "$1$3" ] || die "$3 is not in $1: add its package to ROOT_PKGS in tools/xen/build-image"
	mkdir -p "$(dirname "$_dst")"
	cp -L "$1$3" "$_dst"
}
_libs_of() { # ldd output -> library paths
	awk '/=> not found/ { print "MISSING:" $1; next }
	     $2 == "=>" && $3 ~ /^\// { print $3; next }
	     $1 ~ /^\// { print $1 }'
}
# root_bins SRCROOT DEST PATH...: programs of SRCROOT and every library they load.
root_bins() {
	_src=$1 _d=$2
	shift 2
	for _b in "$@"; do
		root_put "$_src" "$_d" "$_b"
		for _l in $(chroot "$_src" /usr/bin/ldd "$_b" | _libs_of); do
			case "$_l" in MISSING:*) die "$_b needs ${_l#MISSING:}, missing in $_src" ;; esac
			root_put "$_src" "$_d" "$_l"
		done
	done
}
# root_host_bins SRCROOT DEST FILE...: the host's builds into DEST/vitrine, with
# their libraries from SRCROOT (the same Debian release as the host).
root_host_bins() {
	_src=$1 _d=$2
	shift 2
	for _b in "$@"; do
		[ -x "$_b" ] || continue
		cp "$_b" "$_d/vitrine/"
		for _l in $(ldd "$_b" | _libs_of); do
			case "$_l" in MISSING:*) die "$_b needs ${_l#MISSING:}" ;; esac
			root_put "$_src" "$_d" "$(usr_path "$_l")"
		done
	done
}
# root_tree SRCROOT DEST DIR...: whole folders (data).
root_tree() {
	_src=$1 _d=$2
	shift 2
	for _t in "$@"; do
		mkdir -p "$_d$(dirname "$_t")"
		cp -a "$_src$_t" "$_d$(dirname "$_t")/"
	done
}
# root_pack DEST FILE: an uncompressed newc cpio (inflating under TCG is slow).
root_pack() {
	(cd "$1" && find . | cpio -o -H newc --quiet) >"$2"
}

# ---- parts from Debian packages, shared with tools/drm (cached in a folder) -----
# deb_fetch DIR PACKAGE: path of PACKAGE's .deb in DIR, downloaded if missing.
deb_fetch() {
	for _f in "$1/$2"_*.deb; do
		[ -e "$_f" ] && echo "$_f" && return 0
	done
	say "downloading $2" >&2
	(cd "$1" && apt-get download -q -o APT::Sandbox::User=root "$2" >/dev/null) ||
		die "apt-get download $2 failed"
	for _f in "$1/$2"_*.deb; do
		[ -e "$_f" ] && echo "$_f" && return 0
	done
	die "apt-get download $2 left no $2_*.deb in $1"
}
# kernel_deb DIR: the current Debian kernel package's .deb, in DIR.
kernel_deb() {
	_k=$(kernel_pkg)
	if [ -z "$_k" ]; then
		say "apt-get update (no kernel package known yet)" >&2
		apt-get update -qq
		_k=$(kernel_pkg)
	fi
	[ -n "$_k" ] || die "cannot find the current linux-image-*-amd64 package"
	deb_fetch "$1" "$_k"
}
# kernel_unpack KDEB OUT MODULES: OUT/vmlinuz, OUT/kver and OUT/modules/ (the
# named modules, what they depend on, modules.* from depmod); skipped when
# OUT/kernel.from says the same package and module list.
kernel_unpack() {
	_stamp="$1 $3"
	[ -s "$2/vmlinuz" ] && [ "$(cat "$2/kernel.from" 2>/dev/null)" = "$_stamp" ] && return 0
	say "unpacking $(basename "$1")"
	_k="$2/k.tmp"
	rm -rf "$_k" "$2/modules"
	dpkg -x "$1" "$_k"
	for _kv in "$_k/lib/modules"/*; do _kv=${_kv##*/} && break; done
	cp "$_k/boot/vmlinuz-$_kv" "$2/vmlinuz"
	_src="$_k/lib/modules/$_kv"
	depmod -b "$_k" "$_kv"
	_dst="$2/modules/lib/modules/$_kv"
	mkdir -p "$_dst"
	cp "$_src"/modules.order "$_src"/modules.builtin* "$_dst/"
	# module name -> file, then the closure over modules.dep
	_want=""
	for _m in $3; do
		_p=$(awk -F: -v m="$_m" '{ n = $1; sub(/.*\//, "", n); sub(/\.ko.*/, "", n); gsub(/-/, "_", n);
			mm = m; gsub(/-/, "_", mm); if (n == mm) { print $0; exit } }' "$_src/modules.dep")
		if [ -z "$_p" ]; then
			grep -q "/$(echo "$_m" | tr - _).ko\|/$_m.ko" "$_src/modules.builtin" ||
				die "kernel module $_m neither a module nor built in"
			continue
		fi
		_want="$_want $(echo "$_p" | tr -d :)"
	done
	for _f in $_want; do
		mkdir -p "$_dst/$(dirname "$_f")"
		cp "$_src/$_f" "$_dst/$_f"
	done
	depmod -b "$2/modules" "$_kv"
	rm -rf "$_k"
	echo "$_kv" >"$2/kver"
	echo "$_stamp" >"$2/kernel.from"
}
# debootstrap_root CACHE PACKAGES: CACHE/root, a minbase Debian root of this
# machine's release with PACKAGES (space separated), the .debs kept in
# CACHE/debs; skipped when CACHE/root.from names the same packages.
debootstrap_root() {
	_list=$(echo "$2" | xargs | tr ' ' ',')
	[ "$(cat "$1/root.from" 2>/dev/null)" = "$_list" ] && return 0
	command -v debootstrap >/dev/null || die "debootstrap missing (tools/xen/install-deps)"
	_mirror=$(apt_mirror1)
	[ -n "$_mirror" ] || die "no Debian archive found in the apt configuration"
	# shellcheck source=/dev/null # this machine's
	_codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
	say "debootstrap of the root (Debian $_codename, about a minute)"
	mkdir -p "$1/debs"
	rm -rf "$1/root" "$1/root.tmp"
	debootstrap --variant=minbase --include="$_list" --cache-dir="$1/debs" \
		"$_codename" "$1/root.tmp" "$_mirror" >"$1/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$1/debootstrap.log"; die "debootstrap failed (log: $1/debootstrap.log)"; }
	rm -rf "$1"/root.tmp/var/cache/apt/archives/*.deb "$1"/root.tmp/var/lib/apt/lists/*
	mv "$1/root.tmp" "$1/root"
	echo "$_list" >"$1/root.from"
}
