//! The floor of reading a CSV file: one `csv` `ByteRecord` pass over it, nothing else (no
//! UTF-8 check, no parsing of cells). Nothing can score a file faster than this reads it;
//! `benches/ratio.sh` times it beside `score`.
//!
//! ```text
//! cargo run --release --example csv_floor -- FILE.csv
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: csv_floor FILE.csv");
        return ExitCode::FAILURE;
    };
    let mut reader = match csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(&path)
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("csv_floor: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut bytes) = (0u64, 0u64);
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                rows += 1;
                bytes += record.as_slice().len() as u64;
            }
            Ok(false) => break,
            Err(e) => {
                eprintln!("csv_floor: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("{rows} records, {bytes} bytes of fields");
    ExitCode::SUCCESS
}
