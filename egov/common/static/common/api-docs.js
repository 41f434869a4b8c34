/* The API's documentation page: Swagger UI on the schema named by the page, served from this
   site (no CDN, no online validator); a logged-in session's writes carry its CSRF token. */
(function () {
  "use strict";
  var data = document.body.dataset;
  window.SwaggerUIBundle({
    url: data.openapiUrl,
    dom_id: "#swagger-ui",
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    validatorUrl: null,
    requestInterceptor: function (request) {
      if (data.csrfToken) {
        request.headers["X-CSRFToken"] = data.csrfToken;
      }
      return request;
    },
  });
})();
