{
  "targets": [
    {
      "target_name": "fa3_libxml2",
      "sources": ["src/xsd_addon.c", "src/issue_list.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "<!@(pkg-config --cflags libxml-2.0)"],
      "libraries": ["<!@(pkg-config --libs libxml-2.0)"]
    }
  ]
}
