<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Exported %n review note(s) to {path}</source>
        <translation>
            <numerusform>Exported %n review note to {path}</numerusform>
            <numerusform>Exported %n review notes to {path}</numerusform>
        </translation>
    </message>
</context>
</TS>
