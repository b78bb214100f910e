#!/bin/sh
# Stage what electron-builder ships as extraResources (see electron-builder.yml):
#   build/lane-service/      lane service sources + renderer/dist + fixtures + production node_modules
#   build/node/<platform>-<arch>/  the official Node runtime that runs it
# Run it ON the target OS/arch (CI matrix): npm ci fetches native prebuilds for the machine it runs on.
#   packaging/stage-service.sh            # this machine's platform and arch
#   NODE_VERSION=20.19.5 packaging/stage-service.sh
set -eu
cd "$(dirname "$0")/.."
platform=$(node -p process.platform)
arch=$(node -p process.arch)
NODE_VERSION=${NODE_VERSION:-$(node -p 'process.versions.node')}

[ -f renderer/dist/index.html ] || { echo "renderer/dist is missing: build the renderer first" >&2; exit 1; }

out=build/lane-service
rm -rf "$out" && mkdir -p "$out"
cp package.json package-lock.json "$out/"
cp -R lane contracts drivers fixtures "$out/"
mkdir -p "$out/renderer" && cp -R renderer/dist "$out/renderer/dist"
find "$out" -name '*.test.ts' -delete
(cd "$out" && npm ci --omit=dev --no-audit --no-fund)

node_dir=build/node/$platform-$arch
rm -rf "$node_dir" && mkdir -p "$node_dir"
base=https://nodejs.org/dist/v$NODE_VERSION
case "$platform" in
  win32) name=node-v$NODE_VERSION-win-$arch; file=$name.zip ;;
  *) name=node-v$NODE_VERSION-$platform-$arch; file=$name.tar.xz ;;
esac
tmp=$(mktemp -d)
curl -fsSL "$base/$file" -o "$tmp/$file"
curl -fsSL "$base/SHASUMS256.txt" -o "$tmp/SHASUMS256.txt"
(cd "$tmp" && grep " $file\$" SHASUMS256.txt | sha256sum -c -)
case "$file" in
  *.zip) (cd "$tmp" && unzip -q "$file") && cp "$tmp/$name/node.exe" "$node_dir/" ;;
  *) tar -xJf "$tmp/$file" -C "$tmp" && mkdir -p "$node_dir/bin" && cp "$tmp/$name/bin/node" "$node_dir/bin/" ;;
esac
rm -rf "$tmp"
echo "staged $out and $node_dir (Node $NODE_VERSION)"
