/* Small helpers for every page; the site works without them. */
(function () {
  "use strict";
  /* On a narrow screen the menu starts closed, so the page's content comes first. */
  var menu = document.querySelector(".site-nav__menu");
  if (menu && window.matchMedia && window.matchMedia("(max-width: 63.99rem)").matches) {
    menu.removeAttribute("open");
  }
  /* The print view's button. */
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
  /* The map viewer: zoom and pan the inline map, follow one step's arrows, show one party.
   * Without this script the map is the static SVG, scaled to the page. */
  var READABLE = 12.5; /* CSS px of a step's text when the map opens */
  var maps = document.querySelectorAll(".map__scroll");
  for (var j = 0; j < maps.length; j++) viewer(maps[j]);

  function viewer(box) {
    var svg = box.querySelector("svg");
    var figure = box.closest(".map");
    var tools = figure && figure.querySelector("[data-map-tools]");
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal || !tools) return;
    var vb = svg.viewBox.baseVal;
    var title = svg.querySelector("text.title");
    var unit = 1; /* CSS px per viewBox unit, now */
    var min = 0.1, max = 8;
    figure.classList.add("map--viewer");
    tools.hidden = false;

    /* The size of a step's text, in viewBox units. */
    function textUnits() {
      if (!title) return 7;
      var ctm = title.getCTM && title.getCTM();
      var size = parseFloat(title.getAttribute("font-size")) || 7;
      var px = ctm ? ctm.a * size : size;
      return px / unit || size;
    }
    function fitUnit() {
      var w = box.clientWidth, h = box.clientHeight || w;
      return Math.min(w / vb.width, h / vb.height);
    }
    /* Zooms to `next` CSS px per unit, keeping the point (x, y) of the box where it is. */
    function zoom(next, x, y) {
      next = Math.max(min, Math.min(max, next));
      if (x === undefined) { x = box.clientWidth / 2; y = box.clientHeight / 2; }
      var ux = (box.scrollLeft + x) / unit, uy = (box.scrollTop + y) / unit;
      unit = next;
      svg.style.width = vb.width * unit + "px";
      svg.style.height = vb.height * unit + "px";
      box.scrollLeft = ux * unit - x;
      box.scrollTop = uy * unit - y;
    }
    function fit() { zoom(fitUnit()); box.scrollLeft = 0; box.scrollTop = 0; }
    /* Centres a step in the box, at least at the readable size. */
    function show(step) {
      var readable = READABLE / textUnits();
      if (unit < readable) zoom(readable);
      var b = step.getBoundingClientRect(), r = box.getBoundingClientRect();
      box.scrollLeft += b.left + b.width / 2 - (r.left + box.clientWidth / 2);
      box.scrollTop += b.top + b.height / 2 - (r.top + box.clientHeight / 2);
    }

    /* Open at the readable size, at the diagram's top left corner. */
    zoom(1);
    zoom(READABLE / textUnits(), 0, 0);
    var diagram = svg.querySelector("g.diagram");
    if (diagram) {
      var d = diagram.getBoundingClientRect(), r0 = box.getBoundingClientRect();
      box.scrollLeft = d.left - r0.left - 8;
      box.scrollTop = d.top - r0.top - 8;
    }

    tools.addEventListener("click", function (e) {
      var b = e.target.closest("[data-map-zoom]");
      if (!b) return;
      var how = b.getAttribute("data-map-zoom");
      if (how === "fit") fit(); else zoom(unit * (how === "in" ? 1.25 : 0.8));
    });
    box.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var step = 60;
      switch (e.key) {
        case "+": case "=": zoom(unit * 1.25); break;
        case "-": case "−": zoom(unit * 0.8); break;
        case "0": fit(); break;
        case "ArrowLeft": box.scrollLeft -= step; break;
        case "ArrowRight": box.scrollLeft += step; break;
        case "ArrowUp": box.scrollTop -= step; break;
        case "ArrowDown": box.scrollTop += step; break;
        default: return;
      }
      e.preventDefault();
    });
    box.addEventListener("wheel", function (e) {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      var r = box.getBoundingClientRect();
      zoom(unit * Math.exp(-e.deltaY / 300), e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });

    /* Dragging with the mouse pans; two fingers pinch to zoom (one finger pans natively). */
    var pointers = {}, drag = null, pinch = null, moved = false;
    box.addEventListener("pointerdown", function (e) {
      pointers[e.pointerId] = e;
      var ids = Object.keys(pointers);
      if (ids.length === 2) {
        pinch = { d: distance(), unit: unit };
        drag = null;
      } else if (e.pointerType === "mouse" && e.button === 0) {
        drag = { x: e.clientX, y: e.clientY, left: box.scrollLeft, top: box.scrollTop };
        moved = false;
      }
    });
    box.addEventListener("pointermove", function (e) {
      if (!pointers[e.pointerId]) return;
      pointers[e.pointerId] = e;
      if (pinch && Object.keys(pointers).length === 2) {
        var c = centre(), r = box.getBoundingClientRect();
        zoom(pinch.unit * distance() / pinch.d, c[0] - r.left, c[1] - r.top);
        e.preventDefault();
      } else if (drag) {
        var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 4) moved = true;
        if (moved) {
          box.classList.add("is-dragging");
          box.scrollLeft = drag.left - dx;
          box.scrollTop = drag.top - dy;
        }
      }
    });
    function up(e) {
      delete pointers[e.pointerId];
      if (Object.keys(pointers).length < 2) pinch = null;
      drag = null;
      box.classList.remove("is-dragging");
    }
    box.addEventListener("pointerup", up);
    box.addEventListener("pointercancel", up);
    /* A drag that ends on a step does not open it. */
    box.addEventListener("click", function (e) {
      if (moved) { e.preventDefault(); moved = false; }
    }, true);
    function values(o) { return Object.keys(o).map(function (k) { return o[k]; }); }
    function distance() {
      var p = values(pointers);
      return Math.hypot(p[0].clientX - p[1].clientX, p[0].clientY - p[1].clientY) || 1;
    }
    function centre() {
      var p = values(pointers);
      return [(p[0].clientX + p[1].clientX) / 2, (p[0].clientY + p[1].clientY) / 2];
    }

    /* One step's arrows and neighbours, the rest dimmed. */
    var steps = svg.querySelectorAll("g.step[data-nr]");
    var lanes = {};
    for (var i = 0; i < steps.length; i++) lanes[steps[i].getAttribute("data-nr")] = steps[i].getAttribute("data-lane");
    var joins = svg.querySelectorAll("[data-from][data-to]");
    function clear() {
      svg.classList.remove("is-following");
      var on = svg.querySelectorAll(".is-on");
      for (var k = 0; k < on.length; k++) on[k].classList.remove("is-on");
    }
    function mark(nr) {
      svg.classList.add("is-following");
      for (var k = 0; k < joins.length; k++) {
        var f = joins[k].getAttribute("data-from"), t = joins[k].getAttribute("data-to");
        if (f !== nr && t !== nr) continue;
        joins[k].classList.add("is-on");
        light(f === nr ? t : f);
      }
      light(nr);
    }
    function light(nr) {
      var g = svg.querySelector('g.step[data-nr="' + nr + '"]');
      if (g && g.parentNode) g.parentNode.classList.add("is-on");
    }
    /* A step follows itself; a link to another party's step follows the step it joins here. */
    function follow(e) {
      var a = e.target.closest && e.target.closest("a");
      if (!a || party.value) return;
      var g = a.querySelector("g.step[data-nr]");
      var f = a.getAttribute("data-from"), t = a.getAttribute("data-to");
      var nr = g ? g.getAttribute("data-nr") : (f && lanes[f] ? f : t && lanes[t] ? t : null);
      clear();
      if (nr) mark(nr);
    }
    /* On the box, not the SVG: Chromium makes an SVG element with focus listeners focusable. */
    box.addEventListener("mouseover", follow);
    box.addEventListener("focusin", follow);
    box.addEventListener("mouseleave", function () { if (!party.value && !svg.contains(document.activeElement)) clear(); });
    box.addEventListener("focusout", function (e) { if (!party.value && !svg.contains(e.relatedTarget)) clear(); });

    /* The party filter: one party's steps, and the arrows into and out of them. */
    var party = tools.querySelector("[data-map-party]");
    var named = svg.querySelectorAll("[data-lane][data-name]");
    if (named.length < 2) {
      party.closest("label").hidden = true;
    } else {
      for (var n = 0; n < named.length; n++) {
        var o = document.createElement("option");
        o.value = named[n].getAttribute("data-lane");
        o.textContent = named[n].getAttribute("data-name");
        party.appendChild(o);
      }
    }
    party.addEventListener("change", function () {
      clear();
      var lane = party.value;
      if (!lane) return;
      svg.classList.add("is-following");
      for (var k = 0; k < steps.length; k++) {
        if (steps[k].getAttribute("data-lane") === lane) steps[k].parentNode.classList.add("is-on");
      }
      for (var m = 0; m < joins.length; m++) {
        var f = joins[m].getAttribute("data-from"), t = joins[m].getAttribute("data-to");
        if (lanes[f] === lane || lanes[t] === lane) {
          joins[m].classList.add("is-on");
          light(f);
          light(t);
        }
      }
    });

    /* "Visa steget i kartan": the map opens zoomed onto the step, with focus on it. */
    function target() {
      var id = decodeURIComponent(location.hash.slice(1));
      var el = id && document.getElementById(id);
      if (!el || !svg.contains(el)) return;
      var a = el.closest("a") || el;
      show(el);
      box.scrollIntoView({ block: "nearest" });
      a.focus({ preventScroll: true });
    }
    /* After the load, when the browser has done its own scrolling to the fragment. */
    if (document.readyState === "complete") target();
    else window.addEventListener("load", function () { setTimeout(target, 0); });
    window.addEventListener("hashchange", target);
  }
})();
