mod bid_import;
mod tender_file;
