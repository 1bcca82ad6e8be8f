// The signing page's drawing pad: mouse, touch and pen through Pointer Events.
// Without JavaScript the pad stays hidden and the typed name alone signs.
(function () {
  "use strict";

  function setUp(box) {
    var pad = box.querySelector("[data-drawing-pad]");
    var clear = box.querySelector("[data-drawing-clear]");
    var field = box.querySelector("input[name=drawing]");
    var form = box.closest("form");
    if (!pad || !field || !form || !pad.getContext) return;
    var ink = pad.getContext("2d");
    var drawing = false;
    var drawn = false;
    box.hidden = false;

    ink.lineWidth = 3;
    ink.lineCap = "round";
    ink.lineJoin = "round";
    ink.strokeStyle = "#102a5c";

    function point(event) {
      var box = pad.getBoundingClientRect();
      return {
        x: ((event.clientX - box.left) * pad.width) / box.width,
        y: ((event.clientY - box.top) * pad.height) / box.height,
      };
    }

    pad.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      try {
        pad.setPointerCapture(event.pointerId); // keep the stroke when it leaves the pad
      } catch (error) {
        // a pointer the browser no longer tracks: draw without capture
      }
      drawing = true;
      var at = point(event);
      ink.beginPath();
      ink.moveTo(at.x, at.y);
      ink.lineTo(at.x + 0.1, at.y + 0.1);
      ink.stroke();
      drawn = true;
    });
    pad.addEventListener("pointermove", function (event) {
      if (!drawing) return;
      var at = point(event);
      ink.lineTo(at.x, at.y);
      ink.stroke();
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      pad.addEventListener(name, function () {
        drawing = false;
      });
    });
    clear.addEventListener("click", function () {
      ink.clearRect(0, 0, pad.width, pad.height);
      drawn = false;
      field.value = "";
    });
    form.addEventListener("submit", function () {
      field.value = drawn ? pad.toDataURL("image/png") : "";
    });
  }

  document.querySelectorAll("[data-drawing]").forEach(setUp);
})();
