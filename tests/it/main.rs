mod report;
mod tender_file;
