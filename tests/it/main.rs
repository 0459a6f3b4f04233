mod tender_file;
