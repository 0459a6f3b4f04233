mod evaluation;
mod tender_file;
