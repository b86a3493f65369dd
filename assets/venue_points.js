/* Venue markers drawn in the browser from points fetched once (issue 12).
 *
 * The server sends, in a store (map-draw, coverage-draw), the Patch of the map's values (or
 * null when it sent a whole figure) and which venues are visible: one bit per venue of the
 * dataset, URL-safe base64, bit i of venue i is bit (i % 8) of byte (i >> 3), least
 * significant first (dashboard/venue_points.py encode_mask, decoded by packed_arrays.js:
 * one encoder, one decoder).
 * The points (/points/<lang>.json: lon, lat, label, usage, hover, id columns) are fetched
 * once per URL and kept; this function adds the visible venues' arrays to the Patch and
 * returns it, so that plotly.js redraws once per change. Points that cannot be fetched, or
 * of another length than the server counted, give empty markers (never wrong ones) and the
 * values are patched all the same.
 */
(function () {
  "use strict";
  var points = {};  // url -> Promise of the points (kept: the order of calls is kept)

  function load(url) {
    if (!points[url]) {
      points[url] = fetch(url, {credentials: "same-origin"}).then(function (r) {
        if (!r.ok) { throw new Error("points " + url + ": HTTP " + r.status); }
        return r.json();
      });
      points[url].catch(function () { delete points[url]; });  // retried on the next call
    }
    return points[url];
  }

  function decodeMask(b64, n) {  // the bits of packed_arrays.js, the one decoder
    var bits = window.dash_clientside.packedArrays.unpack({kind: "bits", n: n, bdata: b64});
    var out = [];
    for (var i = 0; i < n; i++) {
      if (bits[i] === 1) { out.push(i); }
    }
    return out;
  }

  function markerOps(spec, pts) {
    if (pts.n !== spec.n) {  // not the dataset the server counted: draw no marker
      console.warn("points " + spec.url + ": " + pts.n + " venues, expected " + spec.n);
      return {};
    }
    var arrays = {};
    Object.keys(spec.traces).forEach(function (code) {
      var a = {lat: [], lon: []};
      Object.keys(spec.fields).forEach(function (prop) { a[prop] = []; });
      arrays[code] = a;
    });
    decodeMask(spec.mask, spec.n).forEach(function (i) {
      var a = arrays[spec.group ? pts[spec.group][i] : ""];
      if (!a) { return; }  // a category with no trace (never, by the vocabularies)
      a.lat.push(pts.lat[i]);
      a.lon.push(pts.lon[i]);
      Object.keys(spec.fields).forEach(function (prop) {
        a[prop].push(pts[spec.fields[prop]][i]);
      });
    });
    return arrays;
  }

  function draw(payload) {
    var dc = window.dash_clientside;
    if (!payload || !payload.markers) { return dc.no_update; }
    var spec = payload.markers;
    function build(arrays) {
      var patch = new dc.Patch();
      ((payload.patch && payload.patch.operations) || []).forEach(function (op) {
        patch.operations.push(op);
      });
      Object.keys(spec.traces).forEach(function (code) {
        var index = spec.traces[code], a = arrays[code] || {lat: [], lon: []};
        Object.keys(a).forEach(function (prop) { patch.assign(["data", index, prop], a[prop]); });
      });
      return patch.build();
    }
    return load(spec.url).then(function (pts) { return build(markerOps(spec, pts)); },
      function (err) {  // no points: the values still change, no marker is left wrong
        console.warn(String(err));
        return build({});
      });
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside);
  window.dash_clientside.venuePoints = {draw: draw, decodeMask: decodeMask};
})();
