"""URLs of task tracking (namespace "directives"), mounted at /workspace/directives/."""

from django.urls import path

from egov.directives.views import directives, imports, press, scoreboard, tasks

app_name = "directives"
urlpatterns = [
    path("", directives.directive_list, name="directive-list"),
    path("register/", directives.directive_register, name="directive-register"),
    path("<int:pk>/", directives.directive_detail, name="directive-detail"),
    path("<int:pk>/tasks/new/", directives.task_create_view, name="task-create"),
    path("<int:pk>/import/", imports.import_upload, name="import-upload"),
    path("imports/<int:pk>/", imports.import_detail, name="import-detail"),
    path("imports/<int:pk>/resolve/", imports.import_resolve, name="import-resolve"),
    path("imports/<int:pk>/apply/", imports.import_apply, name="import-apply"),
    path(
        "serve/<slug:index>/<slug:dimension>/",
        directives.dimension_serve,
        name="dimension-serve",
    ),
    path("tasks/", tasks.task_list, name="task-list"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task-detail"),
    path("tasks/<int:pk>/edit/", tasks.task_edit, name="task-edit"),
    path("tasks/<int:pk>/split/", tasks.task_split, name="task-split"),
    path("tasks/<int:pk>/report/", tasks.report_save, name="report-save"),
    path("tasks/<int:pk>/extension/", tasks.extension_request, name="extension-request"),
    path("reports/<int:pk>/<slug:action>/", tasks.report_action, name="report-action"),
    path("reports/<int:pk>/files/<int:file_id>/", tasks.report_file, name="report-file"),
    path("extensions/<int:pk>/<slug:action>/", tasks.extension_decide, name="extension-decide"),
    path("scoreboard/", scoreboard.scoreboard_page, name="scoreboard"),
    path("scoreboard/list/", scoreboard.scoreboard_list, name="scoreboard-list"),
    path("scoreboard/export.xlsx", scoreboard.scoreboard_xlsx, name="scoreboard-xlsx"),
    path("press/", press.press_list, name="press-list"),
    path("press/new/", press.press_create, name="press-create"),
    path("press/<int:pk>/", press.press_detail, name="press-detail"),
    path("press/<int:pk>/edit/", press.press_edit, name="press-edit"),
    path("press/<int:pk>/number/", press.press_number, name="press-number"),
    path("press/<int:pk>/publish/", press.press_publish, name="press-publish"),
    path("press/<int:pk>/cover-letter/", press.press_cover_letter, name="press-cover-letter"),
    path("press/<int:pk>.docx", press.press_docx, name="press-docx"),
    path("press/<int:pk>.pdf", press.press_pdf, name="press-pdf"),
]
