"""Forms of the training pages: they only parse and validate input, field by field and in Vietnamese;
services decide. Dates are typed dd/mm/yyyy, marks with a comma or a dot."""
