//! The language server: a thin adapter from LSP to the analysis core.

mod actions;
pub mod convert;
pub mod position;
mod server;
mod settings;
mod worker;

pub use server::Backend;

/// Serve LSP over stdin/stdout until the client says exit.
pub async fn run_stdio() {
    crate::core::nlp::preload();
    let stdin = tokio::io::stdin();
    let stdout = tokio::io::stdout();
    let (service, socket) = tower_lsp_server::LspService::new(Backend::new);
    tower_lsp_server::Server::new(stdin, stdout, socket)
        .serve(service)
        .await;
}
