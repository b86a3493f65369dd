/* Packed per-territory arrays (issue 12; dashboard/packed_arrays.py says the format).
 *
 * The server sends a map's big arrays (a distance per commune, covered or not) packed in its
 * draw store: {patch, markers, arrays: [{path, kind, ...}]}. This function unpacks each one
 * into a plain array, adds it to the Patch at its path, and hands the whole payload to
 * venuePoints.draw, which adds the venues' markers: plotly.js redraws once.
 * Tenths: unsigned 16-bit integers / 10, the "missing" value → undefined (plotly.js would
 * format null as 0; undefined shows the hover's fallback text), the "over_mark" value → the
 * one listed in "over" ([position, tenths] pairs). Bits: 0 / 1, least significant bit first.
 * Runs: the ids at [start, stop) runs of positions. Spatial (a national territory): tenths
 * or bits along the layer's spatial order (fetched once from order_url), deflate-raw
 * compressed (DecompressionStream); tenths as zigzag varint differences of symbols
 * (0 unknown → undefined, else tenths + 1). Json: any JSON value, deflate-raw compressed.
 */
(function () {
  "use strict";

  function bytesOf(b64) {  // URL-safe base64
    var text = atob(b64.replace(/-/g, "+").replace(/_/g, "/")), out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { out[i] = text.charCodeAt(i); }
    return out;
  }

  function unpack(spec) {
    if (spec.kind === "list") { return spec.values; }
    var bytes = bytesOf(spec.bdata), out, i;
    if (spec.kind === "bits") {
      out = new Array(spec.n);
      for (i = 0; i < spec.n; i++) { out[i] = (bytes[i >> 3] >> (i & 7)) & 1; }
      return out;
    }
    if (spec.kind === "tenths") {
      var view = new DataView(bytes.buffer), over = {};
      (spec.over || []).forEach(function (pair) { over[pair[0]] = pair[1]; });
      out = new Array(bytes.length / 2);
      for (i = 0; i < out.length; i++) {
        var v = view.getUint16(i * 2, true);
        if (v === spec.over_mark) { v = over[i]; }
        out[i] = v === spec.missing ? undefined : v / 10;
      }
      return out;
    }
    throw new Error("packed array: unknown kind " + spec.kind);
  }

  var idLists = {};  // url -> Promise of the ids (kept, like the venue points)

  function ids(url) {
    if (!idLists[url]) {
      idLists[url] = fetch(url, {credentials: "same-origin"}).then(function (r) {
        if (!r.ok) { throw new Error("ids " + url + ": HTTP " + r.status); }
        return r.json();
      });
      idLists[url].catch(function () { delete idLists[url]; });
    }
    return idLists[url];
  }

  var orders = {};  // order_url -> Promise of {key, order} (kept, like the ids)

  function spatialOrder(url) {
    if (!orders[url]) {
      orders[url] = fetch(url, {credentials: "same-origin"}).then(function (r) {
        if (!r.ok) { throw new Error("order " + url + ": HTTP " + r.status); }
        return r.json();
      });
      orders[url].catch(function () { delete orders[url]; });
    }
    return orders[url];
  }

  function positionsOf(runs) {
    var out = [];
    runs.forEach(function (run) { for (var p = run[0]; p < run[1]; p++) { out.push(p); } });
    return out;
  }

  function inflate(bytes) {  // deflate-raw, as Python's zlib with wbits -15
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  /* A spatial spec's values (a Promise), in the order of its runs' positions. */
  function unpackSpatial(spec) {
    return Promise.all([spatialOrder(spec.order_url), inflate(bytesOf(spec.bdata))])
      .then(function (got) {
        var held = got[0], bytes = got[1], i, k;
        if (held.key !== spec.order_key || held.order.length !== spec.n) {
          throw new Error("order " + spec.order_url + ": not the layer's");
        }
        var rank = new Int32Array(spec.n).fill(-1), size = 0;
        positionsOf(spec.runs).forEach(function (p) { rank[p] = size++; });
        var out = new Array(size), at = 0;
        if (spec.of === "bits") {
          for (i = 0; i < spec.n; i++) {
            k = rank[held.order[i]];
            if (k >= 0) { out[k] = (bytes[at >> 3] >> (at & 7)) & 1; at++; }
          }
          return out;
        }
        if (spec.of !== "tenths") { throw new Error("packed array: spatial " + spec.of); }
        var pos = 0, symbol = 0;
        for (i = 0; i < spec.n; i++) {
          k = rank[held.order[i]];
          if (k < 0) { continue; }
          var u = 0, scale = 1, b;
          do { b = bytes[pos++]; u += (b & 127) * scale; scale *= 128; } while (b & 128);
          symbol += u % 2 === 0 ? u / 2 : -(u + 1) / 2;
          out[k] = symbol === 0 ? undefined : (symbol - 1) / 10;
        }
        return out;
      });
  }

  /* A subset: the ids at url whose bit is set (a Promise). Other kinds: unpack. */
  function unpackAsync(spec) {
    if (spec.kind === "spatial") { return unpackSpatial(spec); }
    if (spec.kind === "json") {  // deflated JSON text
      return inflate(bytesOf(spec.bdata)).then(function (bytes) {
        return JSON.parse(new TextDecoder().decode(bytes));
      });
    }
    if (spec.kind === "runs") {
      return ids(spec.url).then(function (all) {
        if (all.length !== spec.n) { throw new Error("ids " + spec.url + ": " + all.length); }
        return positionsOf(spec.runs).map(function (p) { return all[p]; });
      });
    }
    if (spec.kind !== "subset") { return Promise.resolve(unpack(spec)); }
    return ids(spec.url).then(function (all) {
      if (all.length !== spec.n) { throw new Error("ids " + spec.url + ": " + all.length); }
      var bits = unpack({kind: "bits", n: spec.n, bdata: spec.bdata});
      return all.filter(function (id, i) { return bits[i] === 1; });
    });
  }

  function draw(payload) {
    var dc = window.dash_clientside;
    if (!payload) { return dc.no_update; }
    var ops = ((payload.patch && payload.patch.operations) || []).slice();
    var specs = payload.arrays || [];
    return Promise.all(specs.map(unpackAsync)).then(function (values) {
      specs.forEach(function (spec, i) {
        ops.push({operation: "Assign", location: spec.path, params: {value: values[i]}});
      });
      return dc.venuePoints.draw(Object.assign({}, payload, {patch: {operations: ops}}));
    });
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside);
  window.dash_clientside.packedArrays = {draw: draw, unpack: unpack,
                                          unpackAsync: unpackAsync};
})();
