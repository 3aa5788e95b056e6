#!/usr/bin/env bash
# Fetches the Swagger UI and ReDoc files that /docs and /redoc serve from app/static/vendor/,
# so the pages work on a closed network. Run `make vendor-assets` after changing a version.
#
# Uses `npm pack`, which checks each tarball against the registry's integrity hash; only
# the files the pages load and their licence texts are kept, byte for byte, and their
# SHA-256 sums go to SHA256SUMS so any later change to them shows in review.
#
# ReDoc stays on 2.x, the line FastAPI's get_redoc_html is written for: ReDoc 3's bundle
# takes icons from Redocly's CDN and carries a telemetry client that reports to Redocly.
set -euo pipefail

SWAGGER_UI_VERSION="${SWAGGER_UI_VERSION:-5.35.0}"
REDOC_VERSION="${REDOC_VERSION:-2.5.4}"

cd "$(dirname "$0")/.."
destination=app/static/vendor
command -v npm >/dev/null || { echo "vendor-assets: needs npm (Node.js) to fetch the packages" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetch() {  # fetch NAME VERSION: unpacks the package into $work/NAME and prints its integrity
    local name="$1" version="$2"
    mkdir -p "$work/$name"
    (cd "$work" && npm pack --silent --json "$name@$version" > "$name.json")
    tar -xzf "$work/$name-$version.tgz" -C "$work/$name" --strip-components=1
}

keep() {  # keep PACKAGE TARGET FILE...: copies files from the unpacked package into vendor/TARGET
    local package="$1" target="$2"
    shift 2
    rm -rf "${destination:?}/$target"
    mkdir -p "$destination/$target"
    for file in "$@"; do
        cp "$work/$package/$file" "$destination/$target/$(basename "$file")"
    done
}

field() {  # field PACKAGE KEY: a top-level value from the package's package.json (a repository's url)
    node -e 'const v = require(process.argv[1])[process.argv[2]]; console.log(v.url ?? v)' "$work/$1/package.json" "$2"
}

integrity() {  # integrity PACKAGE: the tarball's hash as npm pack checked it
    node -e 'console.log(require(process.argv[1])[0].integrity)' "$work/$1.json"
}

fetch swagger-ui-dist "$SWAGGER_UI_VERSION"
fetch redoc "$REDOC_VERSION"

keep swagger-ui-dist swagger-ui \
    swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css favicon-32x32.png LICENSE NOTICE
keep redoc redoc \
    bundles/redoc.standalone.js bundles/redoc.standalone.js.LICENSE.txt LICENSE

{
    echo "Third-party files served by /docs and /redoc. Written by scripts/vendor-assets.sh; do not edit."
    echo
    for pair in swagger-ui-dist:swagger-ui redoc:redoc; do
        package="${pair%%:*}" target="${pair#*:}"
        echo "$target/: npm package $package $(field "$package" version)"
        echo "  licence:   $(field "$package" license), text in $target/LICENSE; bundled libraries in $target/*.LICENSE.txt"
        echo "  source:    $(field "$package" repository)"
        echo "  integrity: $(integrity "$package")"
        echo
    done
} > "$destination/NOTICE"

(cd "$destination" && find swagger-ui redoc -type f | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
echo "vendor-assets: swagger-ui-dist $SWAGGER_UI_VERSION and redoc $REDOC_VERSION in $destination" >&2
