fn main() {
    if let Err(e) = reviewsift::cli::main() {
        eprintln!("reviewsift: error: {e:#}");
        std::process::exit(1);
    }
}
