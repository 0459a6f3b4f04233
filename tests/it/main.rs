mod catalogue;
mod strategy;
mod tender_file;
