// Header disclosures (<details>: menu, language). They work without this script; it adds
// what <details> lacks: Escape closes one and returns focus to its button, opening one
// closes the other, a click elsewhere closes them, and on wide screens (where CSS hides the
// menu button) the menu stays open for browsers without ::details-content.
(function () {
    "use strict";
    var disclosures = Array.prototype.slice.call(document.querySelectorAll("[data-header-disclosure]"));
    var menu = document.querySelector(".site-menu");
    var wide = window.matchMedia("(min-width: 64rem)");

    function close(details, returnFocus) {
        if (!details.open || (details === menu && wide.matches)) return;
        details.open = false;
        if (returnFocus) details.querySelector("summary").focus();
    }

    disclosures.forEach(function (details) {
        details.addEventListener("toggle", function () {
            if (!details.open) return;
            disclosures.forEach(function (other) {
                if (other !== details) close(other, false);
            });
        });
        details.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && details.open) {
                event.preventDefault();
                close(details, true);
            }
        });
    });

    document.addEventListener("click", function (event) {
        disclosures.forEach(function (details) {
            if (!details.contains(event.target)) close(details, false);
        });
    });

    function fitMenu() {
        if (menu) menu.open = wide.matches;
    }
    fitMenu();
    wide.addEventListener("change", fitMenu);
})();
