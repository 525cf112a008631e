//! The language server: a thin adapter from LSP to the analysis core.

mod actions;
pub mod convert;
pub mod position;
mod sanitize;
mod server;
mod settings;
mod worker;

pub use server::Backend;

/// Serve LSP over stdin/stdout until the client says exit.
pub async fn run_stdio() {
    crate::core::nlp::preload();
    let stdin = tokio::io::stdin();
    let stdout = tokio::io::stdout();
    // tower-lsp-server stops reading after one undecodable frame, so frames are
    // validated first: a malformed one becomes a `zhproof/malformedMessage`
    // notification, which is logged, and the server keeps serving.
    let (server_in, proxy_out) = tokio::io::duplex(1 << 16);
    tokio::spawn(sanitize::forward(stdin, proxy_out));
    let (service, socket) = tower_lsp_server::LspService::build(Backend::new)
        .custom_method("zhproof/documentText", Backend::document_text)
        .custom_method(sanitize::MALFORMED, Backend::malformed_message)
        .finish();
    tower_lsp_server::Server::new(server_in, stdout, socket)
        .serve(service)
        .await;
}
