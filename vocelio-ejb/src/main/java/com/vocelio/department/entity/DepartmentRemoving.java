package com.vocelio.department.entity;

/**
 * A department is about to be deleted, inside the deleting transaction. Features that keep rows pointing at it (agents,
 * transfers) observe this and veto by throwing their conflict; the department feature need not know them.
 */
public record DepartmentRemoving(Department department) {}
