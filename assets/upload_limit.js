/* A file dropped or chosen over the size limit: dcc.Upload(max_size=…) drops it without a
   word (plotly/dash#2638), so this says it. The limit is read from the page
   ([data-upload-max-bytes], dashboard/limits.py); the refused file's name and size go to the
   `upload-rejected` store, and callbacks/importing.py writes the message in the page's
   language. Nothing is sent to the server but the name and the size. */
(function () {
    'use strict';

    function limit() {
        var el = document.querySelector('[data-upload-max-bytes]');
        return el ? Number(el.getAttribute('data-upload-max-bytes')) : 0;
    }

    function check(files, target) {
        var max = limit();
        var dc = window.dash_clientside;
        if (!max || !files || !dc || !dc.set_props) {
            return;
        }
        for (var i = 0; i < files.length; i++) {
            if (files[i].size > max) {
                var zone = target && target.closest ? target.closest('[id]') : null;
                dc.set_props('upload-rejected', {data: {
                    zone: zone ? zone.id : '', name: files[i].name, size: files[i].size,
                    at: Date.now()}});
                return;
            }
        }
    }

    document.addEventListener('change', function (e) {
        if (e.target && e.target.type === 'file') {
            check(e.target.files, e.target);
        }
    }, true);
    document.addEventListener('drop', function (e) {
        if (e.dataTransfer) {
            check(e.dataTransfer.files, e.target);
        }
    }, true);
})();
