package com.vocelio.console.departments;

import com.vocelio.console.Filters;
import com.vocelio.department.boundary.Departments;
import com.vocelio.department.control.DepartmentPage;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The departments table, one page at a time from the database through {@link Departments}. */
public class DepartmentRows extends LazyDataModel<DepartmentRow> {

    private static final long serialVersionUID = 1L;

    private final Departments departments;

    DepartmentRows(Departments departments) {
        this.departments = departments;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) departments.count(page(null, filterBy, 0, 1));
    }

    @Override
    public List<DepartmentRow> load(
            int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        return departments.page(page(sortBy, filterBy, first, pageSize)).stream()
                .map(DepartmentRow::of)
                .toList();
    }

    private static DepartmentPage page(
            Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy, int first, int size) {
        String active = Filters.text(filterBy, "active");
        return new DepartmentPage(
                Filters.text(filterBy, "name"),
                active == null ? null : Boolean.valueOf(active),
                Filters.sortField(sortBy),
                Filters.descending(sortBy),
                first,
                size);
    }

    @Override
    public String getRowKey(DepartmentRow row) {
        return row.id();
    }

    @Override
    public DepartmentRow getRowData(String rowKey) {
        return getWrappedData() == null
                ? null
                : getWrappedData().stream()
                        .filter(row -> row.id().equals(rowKey))
                        .findFirst()
                        .orElse(null);
    }
}
