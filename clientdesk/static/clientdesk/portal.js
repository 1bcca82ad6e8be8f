/*
 * clientdesk portal behaviour. Small, dependency-free, loaded with `defer`.
 *
 * The CSP allows only scripts from our own origin, so templates carry no
 * inline handlers; they declare behaviour with data attributes, and this
 * file listens on the document (which also covers content htmx swaps in):
 *
 *   [data-nav-toggle]     button that opens and closes #site-nav on phones
 *                         (toggles aria-expanded and .is-open; Escape closes)
 *   form[data-confirm]    asks "are you sure?" with the attribute's text
 *                         before the form is submitted; the same attribute
 *                         on a submit button asks only for that button
 *   [data-autosubmit]     a form (or a field in one) that submits itself
 *                         when a field changes, e.g. a filter's <select>
 *   [data-error-summary]  the error summary of includes/form_fields.html:
 *                         focused on load, so the problems are read first
 *                         (without one, the first field in error is)
 */
(function () {
  "use strict";

  /* Mobile navigation ------------------------------------------------ */

  function navParts(toggle) {
    var id = toggle.getAttribute("aria-controls") || "site-nav";
    return { toggle: toggle, nav: document.getElementById(id) };
  }

  function setNavOpen(parts, open) {
    if (!parts.nav) return;
    parts.toggle.setAttribute("aria-expanded", open ? "true" : "false");
    parts.nav.classList.toggle("is-open", open);
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-nav-toggle]");
    if (!toggle) return;
    var parts = navParts(toggle);
    setNavOpen(parts, toggle.getAttribute("aria-expanded") !== "true");
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var toggle = document.querySelector('[data-nav-toggle][aria-expanded="true"]');
    if (!toggle) return;
    setNavOpen(navParts(toggle), false);
    toggle.focus();
  });

  /* Confirmation before destructive submits -------------------------- */

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var submitter = event.submitter;
      var message =
        (submitter && submitter.getAttribute("data-confirm")) ||
        form.getAttribute("data-confirm");
      if (message && !window.confirm(message)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  /* Forms that submit on change (filters) ---------------------------- */

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!field.form || !field.closest("[data-autosubmit]")) return;
    if (typeof field.form.requestSubmit === "function") {
      field.form.requestSubmit();
    } else {
      field.form.submit();
    }
  });

  /* Error summary ----------------------------------------------------- */

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
      return;
    }
    // A form without a summary (a single field): its field in error.
    var invalid = document.querySelector('main [aria-invalid="true"]');
    if (invalid && (!document.activeElement || document.activeElement === document.body)) {
      invalid.focus();
    }
  }

  // A link in the summary moves focus to its field, not only the scroll.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    var control = target.matches("input, select, textarea")
      ? target
      : target.querySelector("input, select, textarea");
    if (control) {
      event.preventDefault();
      control.focus();
      (control.closest(".field") || control).scrollIntoView({ block: "center" });
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  } else {
    focusErrorSummary();
  }
})();
