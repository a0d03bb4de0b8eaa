"""The redline page of a consultation's revised draft (/tham-van/so-sanh/<id>/)."""
