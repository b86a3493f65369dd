/* Packed per-territory arrays (issue 12; dashboard/packed_arrays.py says the format).
 *
 * The server sends a map's big arrays (a distance per commune, covered or not) packed in its
 * draw store: {patch, markers, arrays: [{path, kind, ...}]}. This function unpacks each one
 * into a plain array, adds it to the Patch at its path, and hands the whole payload to
 * venuePoints.draw, which adds the venues' markers: plotly.js redraws once.
 * Tenths: unsigned 16-bit integers / 10, the "missing" value → undefined (plotly.js would
 * format null as 0; undefined shows the hover's fallback text), the "over_mark" value → the
 * one listed in "over" ([position, tenths] pairs). Bits: 0 / 1, least significant bit first.
 * Numbers (the main map's values) and places (its locations): see below. With "unknown" a
 * spec's undefined values are drawn as that number, and "copy" is a second path receiving
 * the values as they are. Spatial (a national territory): tenths
 * or bits along the layer's spatial order (fetched once from order_url), deflate-raw
 * compressed (DecompressionStream); tenths as zigzag varint differences of symbols
 * (0 unknown → undefined, else tenths + 1). Json: any JSON value, deflate-raw compressed.
 * Ratio: a venue ratio the browser computes from the venue counts and the layer's measures.
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

  var fetched = {};  // url -> Promise of its JSON (kept, like the venue points)

  /* What url serves (the layer's ids, its spatial order), fetched once per page. */
  function fetchOnce(url) {
    if (!fetched[url]) {
      fetched[url] = fetch(url, {credentials: "same-origin"}).then(function (r) {
        if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
        return r.json();
      });
      fetched[url].catch(function () { delete fetched[url]; });
    }
    return fetched[url];
  }

  var ids = fetchOnce, spatialOrder = fetchOnce;

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
    if (spec.kind === "numbers") { return unpackNumbers(spec); }
    if (spec.kind === "places") { return unpackPlaces(spec); }
    if (spec.kind === "ratio") { return unpackRatio(spec); }
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
        var shown = values[i];
        if (spec.unknown !== undefined) {  // a choropleth's z must stay a number
          shown = shown.map(function (v) { return v === undefined ? spec.unknown : v; });
        }
        ops.push({operation: "Assign", location: spec.path, params: {value: shown}});
        if (spec.copy) {  // the same values, unknown left undefined (the hover's customdata)
          ops.push({operation: "Assign", location: spec.copy, params: {value: values[i]}});
        }
      });
      return dc.venuePoints.draw(Object.assign({}, payload, {patch: {operations: ops}}));
    });
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside);
  window.dash_clientside.packedArrays = {draw: draw, unpack: unpack,
                                          unpackAsync: unpackAsync};

  /* « numbers » (dashboard/packed_arrays.py pack_numbers): a map's values, integers / scale,
   * dense or sparse (bits of the values that differ from "fill", then those values), maybe
   * deflated (raw deflate, see inflate) with multi-byte integers stored byte plane by byte plane. A Promise of
   * the values, undefined where unknown (the "missing" integer, NaN for f8, or a null fill). */

  var WIDTH = {u1: 1, u2: 2, u4: 4, f8: 8};

  function numbersOf(spec, bytes) {
    var n = spec.n, i, j, out = new Array(n), at = 0, differs = null;
    var fill = spec.fill === null ? undefined : spec.fill;
    if (spec.sparse) {
      var head = (n + 7) >> 3;
      differs = bytes.subarray(0, head);
      at = head;
    }
    var m = 0;
    for (i = 0; i < n; i++) {
      if (!differs || ((differs[i >> 3] >> (i & 7)) & 1)) { m++; }
    }
    var width = WIDTH[spec.dtype], planes = bytes.subarray(at), value = new Uint8Array(8);
    var view = new DataView(value.buffer), k = 0;
    for (i = 0; i < n; i++) {
      if (differs && !((differs[i >> 3] >> (i & 7)) & 1)) { out[i] = fill; continue; }
      for (j = 0; j < width; j++) { value[j] = planes[j * m + k]; }  // byte j of value k
      k++;
      var v;
      if (spec.dtype === "f8") {
        v = view.getFloat64(0, true);
        out[i] = isNaN(v) ? undefined : v;
      } else {
        v = spec.dtype === "u1" ? value[0] : spec.dtype === "u2" ? view.getUint16(0, true)
          : view.getUint32(0, true);
        out[i] = v === spec.missing ? undefined : v / spec.scale;
      }
    }
    if (Array.isArray(spec.exact)) {
      spec.exact.forEach(function (pair) { out[pair[0]] = pair[1]; });
    }
    return out;
  }

  /* base85, RFC 1924's alphabet (Python's b85encode) with "<" and ">" written "," and "."
   * (dashboard/packed_arrays.py b85_text): 5 characters for 4 bytes, big-endian, the last
   * group padded with the last digit. */
  var B85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
  var B85_VALUE = {",": B85.indexOf("<"), ".": B85.indexOf(">")};
  for (var b85i = 0; b85i < B85.length; b85i++) { B85_VALUE[B85[b85i]] = b85i; }

  function b85Bytes(text) {
    var n = text.length, rest = n % 5, out = new Uint8Array(Math.floor(n / 5) * 4 +
                                                             (rest ? rest - 1 : 0));
    for (var g = 0; g * 5 < n; g++) {
      var acc = 0, j;
      for (j = 0; j < 5; j++) {
        acc = acc * 85 + (g * 5 + j < n ? B85_VALUE[text[g * 5 + j]] : 84);
      }
      for (j = 0; j < 4 && g * 4 + j < out.length; j++) {
        out[g * 4 + j] = Math.floor(acc / Math.pow(256, 3 - j)) % 256;
      }
    }
    return out;
  }

  function unpackNumbers(spec) {
    var bytes = spec.text === "b85" ? b85Bytes(spec.bdata) : bytesOf(spec.bdata);
    var kept = spec.exact && !Array.isArray(spec.exact) ? unpackNumbers(spec.exact) : null;
    return Promise.all([spec.deflate ? inflate(bytes) : Promise.resolve(bytes), kept])
      .then(function (both) {
        var out = numbersOf(spec, both[0]);
        if (both[1]) {  // exact values, a « numbers » array unknown where not kept
          both[1].forEach(function (v, i) { if (v !== undefined) { out[i] = v; } });
        }
        return out;
      });
  }

  /* « places »: a subset whose bits are deflated (a territory is runs of the layer). */
  function unpackPlaces(spec) {
    return inflate(bytesOf(spec.bdata)).then(function (bits) {
      var b64 = btoa(String.fromCharCode.apply(null, bits));
      return unpackAsync(Object.assign({}, spec, {kind: "subset", bdata: b64}));
    });
  }

  /* « ratio » (dashboard/packed_arrays.py pack_ratio): a venue ratio per territory, the
   * browser dividing the sent operand (the venue counts, a « numbers » array) by a measure of
   * the layer (population, area_km2: fetched once from measures_url) or the reverse, as
   * indicators._ratio (unknown unless the denominator is positive), × scale, rounded as
   * numpy.round(x, 4) (round4); "exact" pairs override (null: unknown). */

  function round4(x) {  // numpy: rint(x * 10000) / 10000, a tie going to the even integer
    var y = x * 10000, f = Math.floor(y), d = y - f;
    var r = d > 0.5 ? f + 1 : d < 0.5 ? f : (f % 2 === 0 ? f : f + 1);
    return r / 10000;
  }

  function known(x) { return x === null || x === undefined ? NaN : x; }

  function unpackRatio(spec) {
    return Promise.all([fetchOnce(spec.measures_url), inflate(bytesOf(spec.places)),
                        unpackNumbers(spec.sent)]).then(function (got) {
      var m = got[0], bits = got[1], sent = got[2], out = [], k = 0;
      if (m.key !== spec.measures_key || m.population.length !== spec.n) {
        throw new Error("measures " + spec.measures_url + ": not the layer's");
      }
      var ops = spec.operands, scale = spec.scale;
      for (var p = 0; p < spec.n; p++) {
        if (!((bits[p >> 3] >> (p & 7)) & 1)) { continue; }
        var num = known(ops[0] === "sent" ? sent[k] : m[ops[0]][p]);
        var den = known(ops[1] === "sent" ? sent[k] : m[ops[1]][p]);
        var v = num / den * scale;
        out.push(den > 0 && v === v ? round4(v) : undefined);
        k++;
      }
      if (k !== sent.length) { throw new Error("ratio: " + k + " places, " + sent.length); }
      spec.exact.forEach(function (pair) {
        out[pair[0]] = pair[1] === null ? undefined : pair[1];
      });
      return out;
    });
  }

  window.dash_clientside.packedArrays.unpackNumbers = unpackNumbers;
  window.dash_clientside.packedArrays.round4 = round4;
  window.dash_clientside.packedArrays.unpackPlaces = unpackPlaces;
})();
