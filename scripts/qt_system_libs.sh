#!/bin/sh
# Checks the system libraries Qt's X11 (xcb) platform plugin loads; run by `make run` before anything else.
# Arguments: soname:debian-package pairs (the list is in the Makefile). Missing ones are installed when run as
# root on a system with apt-get; otherwise the exact `sudo apt-get install` line is printed and the exit status
# is 1. Nothing is said when every library is there, or where there is no ldconfig to ask (not Linux).
set -u

ldconfig_cmd=$(command -v ldconfig 2>/dev/null || true)
for dir in /sbin /usr/sbin; do
  [ -n "$ldconfig_cmd" ] && break
  [ -x "$dir/ldconfig" ] && ldconfig_cmd="$dir/ldconfig"
done
[ -n "$ldconfig_cmd" ] || exit 0
cache=$("$ldconfig_cmd" -p 2>/dev/null) || exit 0

missing=""
missing_so=""
for pair in "$@"; do
  so=${pair%%:*}
  pkg=${pair#*:}
  if ! printf '%s\n' "$cache" | grep -q -E "^[[:space:]]+$so[[:space:]]"; then
    missing="$missing $pkg"
    missing_so="$missing_so $so"
  fi
done
[ -n "$missing" ] || exit 0
missing=$(printf '%s\n' $missing | LC_ALL=C sort -u | tr '\n' ' ' | sed 's/ $//')

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "正在安装值班台窗口需要的系统库（Qt 的 X11/xcb 平台插件）：$missing"
  apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y $missing
  exit $?
fi
echo "值班台窗口需要的系统库（Qt 的 X11/xcb 平台插件）还没有安装：$missing_so" >&2
if command -v apt-get >/dev/null 2>&1; then
  echo "请先运行下面这一行（需要管理员密码），再运行 make run：" >&2
else
  echo "Debian/Ubuntu 上的安装命令如下，其他系统请安装提供上述库的软件包：" >&2
fi
echo "sudo apt-get install -y $missing"
exit 1
