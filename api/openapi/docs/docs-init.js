// Starts Swagger UI on this server's own document. A file, not an inline
// script, so the page runs under script-src 'self'.
window.addEventListener('load', () => {
  window.ui = window.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
  });
});
