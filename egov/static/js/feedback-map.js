/* Maps of citizen reports (Leaflet, vendored in static/vendor/leaflet).
 *
 * <div class="map" data-map="pick|pins" data-tiles="URL" data-attribution="…"
 *      data-bounds="south,west,north,east" data-pins="ID of a json_script" …>
 *
 * "pick": a click (or a tap) on the map puts the pin there and fills the form's latitude and
 * longitude fields; typing in them moves the pin. "pins": the reports of the json_script
 * (objects with lat, lng, title, url, meta) as circles, each with a link to its page.
 * Tiles come from the configured server; without one (or when it cannot be reached) the pins
 * are drawn on a plain background with the province's box. Without JavaScript the fields and
 * the list still work. */
(function () {
  "use strict";

  function numbers(text) {
    return (text || "").split(",").map(Number).filter(function (n) { return !isNaN(n); });
  }

  function baseMap(element) {
    var box = numbers(element.dataset.bounds);
    var bounds = L.latLngBounds([box[0], box[1]], [box[2], box[3]]);
    var map = L.map(element, { scrollWheelZoom: false, maxBounds: bounds.pad(0.5) });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, {
        maxZoom: 19,
        attribution: element.dataset.attribution || ""
      }).addTo(map);
    }
    L.rectangle(bounds, { color: "#6b7280", weight: 1, fill: false, interactive: false }).addTo(map);
    map.fitBounds(bounds);
    return { map: map, bounds: bounds };
  }

  function pinStyle() {
    return { radius: 8, color: "#ffffff", weight: 2, fillColor: "#b91c1c", fillOpacity: 0.9 };
  }

  function pick(element) {
    var form = element.closest("form");
    var lat = form.querySelector("[name=latitude]");
    var lng = form.querySelector("[name=longitude]");
    var made = baseMap(element);
    var marker = null;
    var status = document.getElementById(element.dataset.status);

    function show(latlng, fromMap) {
      if (!marker) {
        marker = L.circleMarker(latlng, pinStyle()).addTo(made.map);
      } else {
        marker.setLatLng(latlng);
      }
      if (fromMap) {
        lat.value = latlng.lat.toFixed(6);
        lng.value = latlng.lng.toFixed(6);
      }
      if (status) {
        status.textContent = element.dataset.placed + " " + lat.value + ", " + lng.value;
      }
    }

    function fromFields() {
      var a = parseFloat(lat.value);
      var b = parseFloat(lng.value);
      if (!isNaN(a) && !isNaN(b)) {
        show(L.latLng(a, b), false);
        if (made.bounds.contains([a, b])) { made.map.setView([a, b], 16); }
      }
    }

    made.map.on("click", function (event) {
      show(event.latlng, true);
    });
    lat.addEventListener("change", fromFields);
    lng.addEventListener("change", fromFields);
    fromFields();
  }

  function pins(element) {
    var source = document.getElementById(element.dataset.pins);
    var items = source ? JSON.parse(source.textContent) : [];
    var made = baseMap(element);
    var shown = [];
    items.forEach(function (item) {
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      var meta = document.createElement("div");
      meta.textContent = item.meta;
      popup.appendChild(link);
      popup.appendChild(meta);
      L.circleMarker([item.lat, item.lng], pinStyle()).bindPopup(popup).addTo(made.map);
      shown.push([item.lat, item.lng]);
    });
    if (shown.length) {
      made.map.fitBounds(L.latLngBounds(shown).pad(0.1), { maxZoom: 16 });
    }
    element.dataset.ready = String(shown.length);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof L === "undefined") { return; }
    document.querySelectorAll("[data-map]").forEach(function (element) {
      element.hidden = false;
      if (element.dataset.map === "pick") { pick(element); } else { pins(element); }
    });
  });
}());
