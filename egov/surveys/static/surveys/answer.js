// Conditional display of survey questions: a question with data-show-if is shown only while
// the named question's answer is one of data-show-values. Without JavaScript every question is
// shown and the server ignores answers to hidden ones.
(function () {
  "use strict";
  function answerOf(form, code) {
    var picked = [];
    form.querySelectorAll('[name="q_' + code + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") ? input.checked : input.value) {
        picked.push(input.value);
      }
    });
    return picked;
  }
  function refresh(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (question) {
      var wanted = question.dataset.showValues.split(",");
      var given = answerOf(form, question.dataset.showIf);
      question.hidden = !given.some(function (v) { return wanted.indexOf(v) !== -1; });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.survey-answer");
    if (!form) { return; }
    form.addEventListener("change", function () { refresh(form); });
    refresh(form);
  });
})();
