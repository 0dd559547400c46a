#!/usr/bin/env python3
"""Regenerates the compact Alibaba Cloud OpenAPI catalog that flowplay ships
(crates/catalog/data/) from the team's copy of Alibaba's public `aliyun-openapi-meta`
metadata (Apache-2.0), by default ../shared/data. Deterministic output; stdlib only.

Output:
  index.json            products: code, version, style, file, operation count (fetched by every
                        page load of the playground: kept small)
  products/<code>.json  per product: global and regional endpoints; operations with method,
                        ROA path and parameters,
                        parameters as [name, position, type, required] with positions and types
                        as indices into the small tables in index.json

Usage: tools/catalog/build_catalog.py [--shared DIR] [--out DIR]
"""
import argparse, json, os, re, sys

POSITIONS = ["Query", "Body", "Path", "Header", "Host"]
TYPES = ["String", "Integer", "Long", "Boolean", "RepeatList", "Json", "Array", "Struct", "Float", "Double", "Any"]


def file_name(code):
    # Product codes are ASCII with '-' and '_'; keep them, lower-cased, as file names.
    return re.sub(r"[^A-Za-z0-9_-]", "_", code).lower() + ".json"


def dump(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(root, "crates", "catalog", "data"))
    args = ap.parse_args()
    apis = json.load(open(os.path.join(args.shared, "data", "openapi-apis.json"), encoding="utf-8"))
    products = json.load(open(os.path.join(args.shared, "data", "openapi-products.json"), encoding="utf-8"))
    meta = {p["code"]: p for p in products["products"]}
    os.makedirs(os.path.join(args.out, "products"), exist_ok=True)
    index = {
        "source": {
            "repository": apis["source"].get("repository"),
            "commit": apis["source"].get("commit"),
            "license": "Apache-2.0 (Copyright Alibaba Cloud); see NOTICE",
            "generator": "tools/catalog/build_catalog.py",
        },
        "positions": POSITIONS,
        "types": TYPES,
        "products": [],
    }
    for code in sorted(apis["products"], key=str.lower):
        p = apis["products"][code]
        m = meta.get(code, {})
        ops = {}
        for name in sorted(p["apis"]):
            api = p["apis"][name]
            params = []
            for pname, pos, ptype, req in api["params"]:
                params.append([pname, POSITIONS.index(pos) if pos in POSITIONS else 0, TYPES.index(ptype) if ptype in TYPES else 0, 1 if req else 0])
            ops[name] = [api.get("method") or "GET|POST", api.get("path"), params]
        product = {
            "code": code,
            "version": p["version"],
            "style": "roa" if p["style"] == "restful" else "rpc",
            "global": m.get("global_endpoint"),
            "regional": m.get("regional_endpoints") or {},
            "ops": ops,
        }
        text = dump(product)
        with open(os.path.join(args.out, "products", file_name(code)), "w", encoding="utf-8") as f:
            f.write(text + "\n")
        index["products"].append({
            "code": code,
            "version": p["version"],
            "style": product["style"],
            "file": file_name(code),
            "count": len(ops),
        })
    with open(os.path.join(args.out, "index.json"), "w", encoding="utf-8") as f:
        f.write(dump(index) + "\n")
    # The native CLI embeds these same files, each deflated on its own (crates/catalog/build.rs).
    sizes = sorted(os.path.getsize(os.path.join(args.out, "products", e["file"])) for e in index["products"])
    print(f"{len(index['products'])} products, {sum(e['count'] for e in index['products'])} operations", file=sys.stderr)
    print(f"index.json: {os.path.getsize(os.path.join(args.out, 'index.json'))} bytes; per product: median {sizes[len(sizes)//2]}, largest {sizes[-1]} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
